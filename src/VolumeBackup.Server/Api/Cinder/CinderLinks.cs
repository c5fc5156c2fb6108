using Microsoft.AspNetCore.Http.Extensions;
using VolumeBackup.Contracts.Cinder;

namespace VolumeBackup.Server.Api.Cinder;

/// <summary>
/// Builds Cinder's links from the request's scheme, host and path base, so they are reachable by the client that asked:
/// <c>self</c> with the API version in the path, <c>bookmark</c> without it, <c>next</c> as the request's own URL with
/// a new marker.
/// </summary>
internal sealed class CinderLinks(HttpRequest request)
{
    public IReadOnlyList<CinderLink> For(string project, string collection, string id) =>
    [
        new CinderLink("self", Absolute($"{CinderEndpoints.Root}/{project}/{collection}/{id}")),
        new CinderLink("bookmark", Absolute($"/{project}/{collection}/{id}")),
    ];

    /// <summary>The request's URL with <c>marker</c> set to <paramref name="marker"/> and every other parameter kept.</summary>
    public IReadOnlyList<CinderLink> Next(string marker)
    {
        var query = request.Query
            .Where(pair => !string.Equals(pair.Key, "marker", StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("marker", (string?)marker));
        var href = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
        return [new CinderLink("next", href)];
    }

    private string Absolute(string path) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString(path));
}
