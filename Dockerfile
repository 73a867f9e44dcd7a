# Builds attendance.jar and runs it on a slim JRE. The same image serves `run` (streams + API) and
# `notifier`; docker-compose.yml sets which, and every setting comes from the environment.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# Every module the parent pom lists (ComposeFileTest checks this list against pom.xml).
COPY schemas schemas
COPY core core
COPY contract contract
COPY streams streams
COPY notifier notifier
COPY courtpack courtpack
COPY api api
COPY app app
COPY tools tools
COPY policies policies
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 attendance && mkdir -p /data && chown attendance /data
COPY --from=build /src/app/target/attendance.jar /app/attendance.jar
USER attendance
WORKDIR /data
ENV ATTENDANCE_DATA_DIR=/data
EXPOSE 8080
# Heap is 40% of the container: a 1280 MiB instance gets 512 MiB of heap, 256 MiB for RocksDB
# (ATTENDANCE_ROCKSDB_MEMORY_MB) and room for the JVM itself (measured: README, "Deploying").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=40", "-jar", "/app/attendance.jar"]
CMD ["run"]
