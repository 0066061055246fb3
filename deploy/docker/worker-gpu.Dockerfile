# GPU workers: `autograder worker --queues gpu`, with the tensor runner built on a CUDA libtorch.
# The CUDA package is not in every registry: pass the one yours serves.
#   docker build -f deploy/docker/worker-gpu.Dockerfile --build-arg LIBTORCH=libtorch-cuda-12.8-linux-x64 -t autograder-worker-gpu .
ARG LIBTORCH=libtorch-cuda-12.8-linux-x64
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG LIBTORCH
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Autograder.Cli -c Release -o /app --no-self-contained \
    && rm -rf /app/tensor-runner \
    && dotnet publish src/Autograder.Sandbox.TensorRunner -c Release -o /app/tensor-runner -p:LibTorchPackage=${LIBTORCH}

# CUDA's user-space libraries come with the libtorch package; the driver comes from the node (NVIDIA container toolkit).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
COPY problem-bank /app/problem-bank
COPY templates /app/templates
ENV AUTOGRADER_BANK=/app/problem-bank \
    AUTOGRADER_TENSOR_RUNNER=/app/tensor-runner \
    DOTNET_EnableDiagnostics=0 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
RUN groupadd --gid 10001 autograder && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin autograder
USER 10001:10001
EXPOSE 9464
ENTRYPOINT ["dotnet", "/app/autograder.dll"]
CMD ["worker", "--queues", "gpu", "--workers", "1"]
