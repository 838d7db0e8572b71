# syntax=docker/dockerfile:1
# The worker image (default target) and the simulated org for deploy/compose (target `simulator`).
#
# Build: docker build -t crmsignal-worker .
#        docker build --target simulator -t crmsignal-simulator .
# Run:   docker run --rm --read-only --tmpfs /tmp -p 8080:8080 \
#          -e Postgres__ConnectionString='Host=…;Username=…;Password=…;Database=crmsignal' \
#          -e Redis__Configuration='redis:6379' \
#          -e Salesforce__LoginUrl=https://mydomain.my.salesforce.com \
#          -e Salesforce__ClientId=… -e Salesforce__ClientSecret=… \
#          -e Smtp__Host=smtp.example.com -e Smtp__From=signals@example.com \
#          crmsignal-worker            # `run` by default; `migrate`, `once`, `flags …` as arguments
# The whole stack on one machine: deploy/compose/compose.yaml. In Kubernetes: helm/crm-signal-worker.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so editing source does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/CrmSignalWorker/CrmSignalWorker.csproj src/CrmSignalWorker/
COPY src/CrmSignalWorker.Core/CrmSignalWorker.Core.csproj src/CrmSignalWorker.Core/
COPY src/CrmSignalWorker.Notifications/CrmSignalWorker.Notifications.csproj src/CrmSignalWorker.Notifications/
COPY src/CrmSignalWorker.Salesforce/CrmSignalWorker.Salesforce.csproj src/CrmSignalWorker.Salesforce/
COPY src/CrmSignalWorker.Salesforce.Protocol/CrmSignalWorker.Salesforce.Protocol.csproj src/CrmSignalWorker.Salesforce.Protocol/
COPY src/CrmSignalWorker.Simulator/CrmSignalWorker.Simulator.csproj src/CrmSignalWorker.Simulator/
COPY src/CrmSignalWorker.Storage/CrmSignalWorker.Storage.csproj src/CrmSignalWorker.Storage/
RUN dotnet restore src/CrmSignalWorker/CrmSignalWorker.csproj \
 && dotnet restore src/CrmSignalWorker.Simulator/CrmSignalWorker.Simulator.csproj
COPY src/ src/
# No apphost: the images start `dotnet x.dll`, and the native launcher would only add size.
RUN dotnet publish src/CrmSignalWorker/CrmSignalWorker.csproj -c Release --no-restore -p:UseAppHost=false -o /out/worker \
 && dotnet publish src/CrmSignalWorker.Simulator/CrmSignalWorker.Simulator.csproj -c Release --no-restore -p:UseAppHost=false -o /out/simulator

# The simulated org for the local compose stack, never deployed. The full image, not chiseled: its
# shell runs the compose health check and lets you read the Slack messages the sink stored.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS simulator
WORKDIR /app
COPY --from=build /out/simulator ./
RUN mkdir -p /data/slack && chown "$APP_UID" /data/slack
USER $APP_UID
ENTRYPOINT ["dotnet", "crmsignal-simulator.dll"]

# Chiseled: no shell, no package manager, non-root by default. The -extra variant because it carries
# tzdata, which Digest:TimeZone needs to find the audience's zone; globalization is invariant anyway.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /out/worker ./
# A numeric user (1654, the image's `app`), so Kubernetes can verify runAsNonRoot without a passwd lookup.
USER $APP_UID
# Read-only root filesystem: the diagnostics IPC socket would be the only file the runtime creates,
# and nothing edits appsettings.json in a running container, so no file watcher is needed either.
ENV DOTNET_EnableDiagnostics=0 \
    DOTNET_hostBuilder__reloadConfigOnChange=false \
    Http__Port=8080
# /healthz, /readyz and /metrics; the worker takes no other traffic.
EXPOSE 8080
ENTRYPOINT ["dotnet", "crmsignal.dll"]
CMD ["run"]
