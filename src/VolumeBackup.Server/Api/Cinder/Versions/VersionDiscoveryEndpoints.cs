using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using VolumeBackup.Contracts.Cinder;

namespace VolumeBackup.Server.Api.Cinder.Versions;

/// <summary>
/// Version discovery, without a token, in Cinder's shape: cinderclient asks <c>GET /</c> before every command (Cinder
/// answers 300 Multiple Choices), openstacksdk asks <c>GET /v3</c> (200).
/// </summary>
internal static class VersionDiscoveryEndpoints
{
    public static void MapVersionDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", Hosting.VolumeBackupEndpoints.ReadMethods, (HttpRequest request) =>
            TypedResults.Json(Document(request), statusCode: StatusCodes.Status300MultipleChoices));
        // Routing matches "/v3" and "/v3/" alike (a trailing slash is ignored), so one route serves both.
        endpoints.MapMethods(CinderEndpoints.Root, Hosting.VolumeBackupEndpoints.ReadMethods, V3);
    }

    private static Ok<CinderVersionsDocument> V3(HttpRequest request) => TypedResults.Ok(Document(request));

    private static CinderVersionsDocument Document(HttpRequest request)
    {
        // The self link is built from the request, so it is right behind a proxy that keeps the Host header.
        var self = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, CinderEndpoints.Root + "/");
        return new CinderVersionsDocument(
        [
            new CinderVersionInfo
            {
                Id = "v3.0",
                Status = "CURRENT",
                Version = CinderVersions.Max.ToString(),
                MinVersion = CinderVersions.Min.ToString(),
                Updated = CinderVersions.Updated,
                Links =
                [
                    new CinderLink("describedby", "https://docs.openstack.org/") { Type = "text/html" },
                    new CinderLink("self", self),
                ],
                MediaTypes = [new CinderMediaType("application/json", "application/vnd.openstack.volume+json;version=3")],
            },
        ]);
    }
}
