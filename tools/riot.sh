#!/bin/sh
# Part of GeoKG (tools/riot.sh): the tests run Jena riot through it; users need it too.
# Needs: apt-get install -y libapache-jena-java (Debian bookworm, Jena 4.5). Usage: riot.sh --validate FILE.ttl
# Run Apache Jena riot from Debian bookworm's libapache-jena-java 4.5.0-2.
# The package ships jars but no launcher and no Class-Path manifest; its relocated Xerces
# (package xerces.*) looks for message bundles that were left under org/apache/jena/ext/xerces,
# so without FIX every command dies with ExceptionInInitializerError ("internal error").
FIX=${JENA_FIX_DIR:-/tmp/jena-fix}
if [ ! -d "$FIX/xerces" ]; then
  mkdir -p "$FIX" && (cd "$FIX" && unzip -o -q /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' \
    && mkdir -p xerces && cp -r org/apache/jena/ext/xerces/impl xerces/ && rm -rf org)
fi
CP=$(for p in libapache-jena-java $(apt-cache depends libapache-jena-java | awk '/Depends:/{print $2}'); do
       dpkg -L "$p" 2>/dev/null; done | grep -E '^/usr/share/java/[^/]+\.jar$' | grep -vE '[0-9]\.jar$|slf4j|log4j' | sort -u | tr '\n' ':')
exec java -cp "${CP}/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-simple.jar:/usr/share/java/httpcore.jar:$FIX" riotcmd.riot "$@"
