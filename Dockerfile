# syntax=docker/dockerfile:1
# Build: docker build -t crmsignal-worker .
# Run:   docker run --read-only --tmpfs /tmp -e Postgres__ConnectionString=… -e Redis__Configuration=… \
#          -e Salesforce__LoginUrl=… -e Salesforce__ClientId=… -e Salesforce__ClientSecret=… crmsignal-worker
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/ src/
RUN dotnet publish src/CrmSignalWorker/CrmSignalWorker.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's non-root user; nothing is written outside /tmp, so the root filesystem can be read-only.
USER $APP_UID
ENV DOTNET_EnableDiagnostics=0
ENTRYPOINT ["dotnet", "crmsignal.dll"]
CMD ["run"]
