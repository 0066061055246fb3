# The web node: `autograder web`. Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t autograder-web .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
# The web project's front-end packages are installed from its lockfile at build time.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Autograder.Cli -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
WORKDIR /app
COPY --from=build /app /app
COPY problem-bank /app/problem-bank
COPY templates /app/templates
ENV AUTOGRADER_BANK=/app/problem-bank \
    DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS=8080
RUN groupadd --gid 10001 autograder && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin autograder
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/autograder.dll"]
CMD ["web", "--urls", "http://+:8080"]
