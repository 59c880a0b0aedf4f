#!/usr/bin/env bash
# Builds Netwright's Linux app image and .deb with the JDK's jlink and jpackage. Called by the installer
# module's Maven profile (mvn -B -Pinstaller -pl installer -am package); see the README's "Install".
#
#   package.sh --variant cpu|cuda --version 0.1.0-SNAPSHOT --deps DIR --notices FILE --out DIR [--sources DIR] [--types "app-image deb"] [--self-test true|false]
#
# DIR of --deps holds the app jar and every run-time jar; FILE of --notices is the list of those jars' artifacts with
# their licences (license-maven-plugin's THIRD-PARTY.txt), checked to name every jar and shipped in the image's lib/
# with the texts of those licences and the notices inside the jars (lib/licences/). DIR of --sources holds the source
# jars of the components under the LGPL alone, shipped in lib/licences/sources/. JavaFX (linux jars) and ControlsFX are linked into
# the runtime as modules; all else goes on the class path, which the training workers reuse (WorkerClient).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
variant=cpu version= deps= notices= sources= out= types="app-image deb" self_test=1
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variant="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --deps) deps="$2"; shift 2 ;;
    --notices) notices="$2"; shift 2 ;;
    --sources) sources="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --types) types="$2"; shift 2 ;;
    --self-test) [ "$2" = false ] && self_test=0 || self_test=1; shift 2 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$version" ] && [ -d "$deps" ] && [ -f "$notices" ] && [ -n "$out" ] || { echo "package.sh: --version, --deps, --notices and --out are needed" >&2; exit 2; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in jlink jpackage; do
  [ -x "$java_home/bin/$tool" ] || { echo "package.sh: $java_home/bin/$tool is missing (a full JDK 17 is needed)" >&2; exit 2; }
done
[ -d "$java_home/jmods" ] || { echo "package.sh: $java_home/jmods is missing (Debian: apt-get install openjdk-17-jdk)" >&2; exit 2; }

# jpackage wants a numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
app_version="${version%%-*}"
case "$variant" in
  cpu) package=netwright; summary="Netwright: design deep-learning models on a canvas and train them (CPU build)" ;;
  cuda) package=netwright-cuda; summary="Netwright: design deep-learning models on a canvas and train them (CUDA 11.6 build, falls back to the CPU)" ;;
  *) echo "package.sh: --variant is cpu or cuda, not $variant" >&2; exit 2 ;;
esac
work="$out/work-$variant"
rm -rf "$work" "$out/$variant"
mkdir -p "$work/modules" "$work/classpath" "$out/$variant"
step() { printf '[installer %s] %s\n' "$(date +%T)" "$*"; }

step "sorting jars: JavaFX and ControlsFX to the module path, the rest to the class path"
for jar in "$deps"/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-linux.jar|controlsfx-*.jar) cp "$jar" "$work/modules/" ;;
    javafx-*.jar) ;;  # the empty jars without classifier that only pull the platform ones
    *) cp "$jar" "$work/classpath/" ;;
  esac
done
main_jar="$(cd "$work/classpath" && ls netwright-app-*.jar)"

# Every jar that ships (on the class path, or linked into the runtime) must be on the third-party list with its licence.
step "third-party list names every shipped jar"
"$java_home/bin/java" "$here/CheckNotices.java" "$notices" "$work/classpath" "$work/modules"
# ... and every licence on the list must have its text (licences/index.txt); the jars' own notices go with them.
step "licence texts and the jars' notices"
"$java_home/bin/java" "$here/CollectLicences.java" "$notices" "$here/licences" "$work/licences" "$work/classpath" "$work/modules"
if [ -n "$sources" ]; then
  mkdir -p "$work/licences/sources"
  for source in "$sources"/*-sources.jar; do
    [ -e "$source" ] || { echo "package.sh: $sources holds no source jar" >&2; exit 1; }
    shipped="$(basename "${source%-sources.jar}").jar"
    [ -f "$work/classpath/$shipped" ] || { echo "package.sh: $source is the source of $shipped, which does not ship (another version?)" >&2; exit 1; }
    cp "$source" "$work/licences/sources/"
  done
fi

# The runtime: JDK modules (java.se and the jdk.* ones the libraries use), JavaFX and ControlsFX. jlink is
# run here, not by jpackage, because jpackage's default options strip bin/java, which the workers need.
modules="java.se,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,jdk.zipfs,jdk.charsets,jdk.jcmd"
modules="$modules,javafx.base,javafx.graphics,javafx.controls,javafx.swing,org.controlsfx.controls"
step "jlink: $modules"
"$java_home/bin/jlink" --module-path "$java_home/jmods:$work/modules" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --output "$work/runtime"
# JavaFX's native libraries come inside its jars, which jlink keeps as resources; next to the runtime's own
# libraries they load directly instead of being unpacked into ~/.openjfx/cache on first start.
mkdir -p "$work/fx-natives"
for jar in "$work"/modules/javafx-*-linux.jar; do
  (cd "$work/fx-natives" && "$java_home/bin/jar" xf "$jar")
done
cp "$work"/fx-natives/*.so "$work/runtime/lib/"
[ -x "$work/runtime/bin/java" ] || { echo "package.sh: the runtime has no bin/java" >&2; exit 1; }

step "icon"
"$java_home/bin/java" -Djava.awt.headless=true "$here/DrawIcon.java" "$work/icon/$package.png" 256

step "jpackage app image"
"$java_home/bin/jpackage" --type app-image --dest "$work/image" --name Netwright --app-version "$app_version" \
  --vendor Netwright --description "$summary" --icon "$work/icon/$package.png" \
  --runtime-image "$work/runtime" --input "$work/classpath" --main-jar "$main_jar" \
  --main-class dev.netwright.app.Netwright \
  --java-options "--add-modules=javafx.controls,javafx.swing,org.controlsfx.controls"
image="$work/image/Netwright"
# The desktop entry and the icon (jpackage's lib/Netwright.png) are kept in the image; the package's own
# scripts copy them into /usr/share (not xdg-utils, which fails on systems without /etc/xdg/menus).
sed -e "s|@PACKAGE@|$package|g" -e "s|@SUMMARY@|$summary|g" "$here/netwright.desktop.in" > "$image/lib/$package.desktop"
# Netwright's licence, the third-party notices, the generated list of every shipped artifact with its licence, and those
# licences' texts go with the binaries (decisions 19 and 21).
cp "$here/../../../LICENSE" "$here/../../../THIRD-PARTY-NOTICES.md" "$image/lib/"
cp "$notices" "$image/lib/THIRD-PARTY.txt"
cp -r "$work/licences" "$image/lib/licences"

if [ "$self_test" = 1 ]; then
  step "self-test of the app image"
  "$image/bin/Netwright" --self-test
fi
mv "$image" "$out/$variant/Netwright"
step "app image: $out/$variant/Netwright ($(du -sh "$out/$variant/Netwright" | cut -f1))"

if [[ " $types " == *" deb "* ]]; then
  step "jpackage .deb"
  # Most of the payload is jars (already compressed): gzip makes a .deb hardly bigger than dpkg's default xz
  # in a tenth of the time. DPKG_DEB_COMPRESSOR_TYPE=xz in the environment picks xz again.
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
  # GTK 3 pulls X11, cairo, pango, fontconfig and freetype; libstdc++6 is for ND4J's native libraries.
  deb_depends="libc6, libstdc++6, zlib1g, libgtk-3-0, libxtst6, libxxf86vm1, libgl1"
  resources="$work/deb-resources"
  mkdir -p "$resources"
  for script in postinst prerm; do
    sed -e "s|@PACKAGE@|$package|g" "$here/deb/$script.in" > "$resources/$script"
  done
  # Our control file names only the declared dependencies: jpackage's own list is every library package of
  # the build machine (ldd + dpkg -S), which ties the .deb to Debian 12's package names (libasound2, libffi8...).
  sed -e "s|@DEPENDS@|$deb_depends|" "$here/deb/control.in" > "$resources/control"
  "$java_home/bin/jpackage" --type deb --dest "$out/$variant" --app-image "$out/$variant/Netwright" \
    --name Netwright --linux-package-name "$package" --app-version "$app_version" --vendor Netwright \
    --description "$summary" --linux-app-category science --linux-deb-maintainer "netwright@example.org" \
    --install-dir /opt --resource-dir "$resources"
  deb="$(ls "$out/$variant"/*.deb)"
  step "deb: $deb ($(du -sh "$deb" | cut -f1))"
fi
rm -rf "$work"
