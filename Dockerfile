# syntax=docker/dockerfile:1
# The TMA host (`tma serve`) as a container: built from this repository, run as a non-root user on a read-only root
# file system. Models are NOT baked in: they ship separately (signed .tmapkg releases) and are mounted at /models,
# so a model release never needs a new image. Walkthrough: docs/operations.md. CI checks this recipe without a
# container runtime (.ci/container-test.sh: same publish command, read-only root, non-root user).
#
#   docker build -t tma-host .
#   docker compose up            # with PostgreSQL, see compose.yaml

ARG DOTNET_VERSION=10.0

# --- build: the SDK image restores and publishes; nothing of it reaches the runtime image.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Tma.Cli/Tma.Cli.csproj -c Release -o /app -p:UseAppHost=false

# --- runtime: ASP.NET Core runtime only (no SDK, no compiler, no package manager use at run time).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app ./
# /data: the SQLite store (when no PostgreSQL is configured) and, in development mode only, the generated key
# files. /models: the model packages, mounted read-only. Both belong to the non-root user `app` of the base image.
RUN mkdir -p /data /models && chown "$APP_UID" /data
VOLUME ["/data"]
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Tma__Store=/data/tma.db \
    Tma__Models=/models
EXPOSE 8080
# The numeric id of the base image's `app` user, so that Kubernetes' runAsNonRoot can check it.
USER $APP_UID
# The container's working folder is /data: development mode (and only it) writes its key files there.
WORKDIR /data
ENTRYPOINT ["dotnet", "/app/tma.dll", "serve"]
