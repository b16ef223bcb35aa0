# The Schutznetz image: schutznetz-tenant, schutznetz-aggregator and netzctl on Debian bookworm.
#
#   docker build -t schutznetz:0.1.0 .                                  # target tenant (default)
#   docker build --target aggregator -t schutznetz-aggregator:0.1.0 .
#   docker build --target netzctl -t netzctl:0.1.0 .
#
# Every target holds all three binaries and differs only in its ENTRYPOINT; the Helm chart sets
# the command itself, so one image (any target) serves the whole chart. The services run as uid
# 10001 and need no shell; configuration goes to /etc/schutznetz (office.yaml or district.yaml,
# TLS material under tls/), the DSN comes from the environment (README, Configuration).

# Build: the compiler and -dev packages of scripts/install-deps (without the test and fuzzing
# tools), CMake Release at -O2 — the optimisation level the project's own builds and tests use.
FROM debian:bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates \
      libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev \
      libpqxx-dev libabsl-dev libssl-dev libyaml-cpp-dev libgtest-dev libgmock-dev \
      libcpp-httplib-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
 && cmake --build /build --target schutznetz-tenant schutznetz-aggregator netzctl \
 && install -D -m 0755 -t /out /build/services/tenant/schutznetz-tenant \
      /build/services/aggregator/schutznetz-aggregator /build/services/cli/netzctl \
 && strip /out/*

# Runtime: only the shared libraries the binaries link (readelf -d … | grep NEEDED, mapped with
# dpkg -S), plus time zones (Europe/Berlin) and CA certificates.
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libgrpc++1.51 libgrpc29 libprotobuf32 libpqxx-6.4 libabsl20220623 libssl3 \
      libyaml-cpp0.7 libcpp-httplib0.11 tzdata ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 schutznetz \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin schutznetz
COPY --from=build /out/ /usr/local/bin/
# A library missing from the list above fails the build here, not the first start.
RUN if ldd /usr/local/bin/schutznetz-tenant /usr/local/bin/schutznetz-aggregator \
         /usr/local/bin/netzctl | grep 'not found'; then exit 1; fi
LABEL org.opencontainers.image.title="Schutznetz" \
      org.opencontainers.image.description="Federation server for the child-protection networks of youth welfare offices (§ 9 LKSG NRW)" \
      org.opencontainers.image.version="0.1.0"
# gRPC (TLS), public pages (HTTPS), metrics (HTTP), gRPC health (plaintext).
EXPOSE 8443 8080 9090 8081
USER 10001:10001

FROM runtime AS aggregator
ENTRYPOINT ["/usr/local/bin/schutznetz-aggregator"]
CMD ["--config", "/etc/schutznetz/district.yaml"]

FROM runtime AS netzctl
ENTRYPOINT ["/usr/local/bin/netzctl"]
CMD ["--help"]

# Last, so a plain `docker build` makes the tenant image.
FROM runtime AS tenant
ENTRYPOINT ["/usr/local/bin/schutznetz-tenant"]
CMD ["--config", "/etc/schutznetz/office.yaml"]
