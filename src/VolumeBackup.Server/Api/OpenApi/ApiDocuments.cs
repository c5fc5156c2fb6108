using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace VolumeBackup.Server.Api.OpenApi;

/// <summary>
/// The OpenAPI documents, one per surface: <c>/openapi/hp.json</c> (the HP Volume Backup API and its extensions under
/// <c>/v1.1</c>) and <c>/openapi/cinder.json</c> (Cinder v3: version discovery at <c>/</c> and <c>/v3/</c>, the resources under
/// <c>/v3</c>). Served without a token on API nodes. Health, metrics and the documents themselves are in neither. Request
/// bodies come from the endpoints' <see cref="JsonRequestBody"/> metadata (<see cref="RequestBodyTransformer"/>).
/// </summary>
internal static class ApiDocuments
{
    public const string Hp = "hp";
    public const string Cinder = "cinder";
    public const string RoutePattern = "/openapi/{documentName}.json";

    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        services.AddOpenApi(Hp, options =>
        {
            options.ShouldInclude = d => SurfaceOf(d) == Hp;
            options.AddOperationTransformer<RequestBodyTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HP Volume Backup API",
                    Version = "v1.1",
                    Description = "Volumes, backups and restores under /v1.1/{tenant_id}; every route needs an X-Auth-Token.",
                };
                return Task.CompletedTask;
            });
        });
        services.AddOpenApi(Cinder, options =>
        {
            options.ShouldInclude = d => SurfaceOf(d) == Cinder;
            options.AddOperationTransformer<RequestBodyTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Block Storage API (Cinder v3)",
                    Version = "v3",
                    Description = "Cinder's v3 surface over the same volumes and backups; microversion in OpenStack-API-Version.",
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static void MapApiDocuments(this IEndpointRouteBuilder endpoints) => endpoints.MapOpenApi(RoutePattern);

    /// <summary>The document a route belongs in, by its path: <see cref="Hp"/>, <see cref="Cinder"/>, or null (health, metrics).</summary>
    public static string? SurfaceOf(ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return SurfaceOf(description.RelativePath);
    }

    public static string? SurfaceOf(string? relativePath)
    {
        var path = (relativePath ?? string.Empty).TrimStart('/');
        if (path.StartsWith("v1.1/", StringComparison.Ordinal))
        {
            return Hp;
        }

        return path.Length == 0 || path == "v3" || path.StartsWith("v3/", StringComparison.Ordinal) ? Cinder : null;
    }
}
