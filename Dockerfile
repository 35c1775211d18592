# Interceptor: one image for every role (the webhook Deployment, the agent DaemonSet with --role agent; the controller later).
#
#   docker build -t ghcr.io/interceptor-dev/interceptor:0.1.0 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t ... .
#
# Two stages: the SDK builds, the chiseled ASP.NET runtime runs. The build
# context is trimmed to what the build needs by .dockerignore (an allowlist).

# ---- build -------------------------------------------------------------------
# The build stage runs on the builder's own platform even for a cross build: the
# output is framework-dependent IL (no RID, no apphost), the same bytes for every
# target architecture, so there is nothing to emulate.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so this layer (the NuGet
# download) is reused until a package or project reference changes.
# If a NuGet.Config or global.json is ever added at the root, copy it here too
# (and allow it in .dockerignore); no optional wildcards, which not every
# builder accepts when they match nothing.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Interceptor/Interceptor.csproj src/Interceptor/
COPY src/Interceptor.Checkpoint/Interceptor.Checkpoint.csproj src/Interceptor.Checkpoint/
RUN dotnet restore src/Interceptor/Interceptor.csproj

# Then the sources. .editorconfig too: the build enforces code style and treats
# warnings as errors, and must judge the code as CI does.
COPY .editorconfig ./
COPY src/Interceptor.Checkpoint/ src/Interceptor.Checkpoint/
COPY src/Interceptor/ src/Interceptor/
RUN dotnet publish src/Interceptor/Interceptor.csproj \
      --configuration Release \
      --no-restore \
      --output /app \
      -p:UseAppHost=false

# ---- runtime -----------------------------------------------------------------
# Chiseled Ubuntu: no shell, no package manager, only what .NET needs. It has no
# ICU, which is fine because the project sets InvariantGlobalization, and no
# tzdata (times are UTC); switch to the 10.0-noble-chiseled-extra tag if either
# is ever needed.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app

# Kestrel's endpoints come from configuration in code (Interceptor__Webhook__Port,
# Interceptor__Health__Port). Clear the base image's default HTTP port so that no
# plain-HTTP listener on 8080 can appear by accident if that ever changes.
# (An empty value also avoids Kestrel's "Overriding HTTP_PORTS" warning.)
ENV ASPNETCORE_HTTP_PORTS=""

# Owned by root and read-only for the app user: the process cannot modify itself.
COPY --from=build /app ./

# 65532, the conventional "nonroot" UID, matching runAsUser/runAsGroup in
# manifests/deployment.yaml. (The .NET images also ship a named `app` user,
# UID $APP_UID = 1654; we use a fixed number so the image and the pod spec
# agree whatever base image is used.) Any non-root UID works: nothing in the
# image needs to be owned by it.
USER 65532:65532

# 8443: admission webhook (HTTPS). 8080: /healthz, /readyz, /metrics (HTTP).
EXPOSE 8443 8080

ENTRYPOINT ["dotnet", "Interceptor.dll"]
