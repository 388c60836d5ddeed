#!/bin/sh
# Compiles the library with one test class and runs it, with a JDK only: sh test.sh MoneyFormatTest
# (the JVM flags only make these short-lived JVMs start faster).
set -e
test="$1"
javac -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -d build/classes \
    src/main/java/shop/*.java src/test/java/shop/Check.java "src/test/java/shop/$test.java"
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp build/classes "shop.$test"
