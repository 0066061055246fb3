# CPU workers: `autograder worker --queues default` (no privilege) or `--queues sandbox` (code, behind bubblewrap;
# the pod's privileges are in deploy/README.md). No tensor runner: TorchSharp questions go to the gpu image.
#   docker build -f deploy/docker/worker.Dockerfile -t autograder-worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Autograder.Cli -c Release -o /app --no-self-contained \
    && rm -rf /app/tensor-runner

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# The sandbox's layers: bwrap (namespaces, read-only view), setpriv and prlimit (util-linux, in the base image).
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
COPY problem-bank /app/problem-bank
COPY templates /app/templates
ENV AUTOGRADER_BANK=/app/problem-bank \
    DOTNET_EnableDiagnostics=0
RUN groupadd --gid 10001 autograder && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin autograder
# Non-root by default; only the sandbox worker's pod overrides it (runAsUser: 0) for setpriv and the cgroups.
USER 10001:10001
EXPOSE 9464
ENTRYPOINT ["dotnet", "/app/autograder.dll"]
CMD ["worker", "--queues", "default"]
