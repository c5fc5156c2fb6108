using System.Text.Json.Serialization;

namespace VolumeBackup.Keystone;

// The parts of Keystone's v3 response bodies the client reads; everything else is ignored.

internal sealed record TokenResponse([property: JsonPropertyName("token")] TokenBody? Token);

internal sealed record TokenBody(
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("user")] NamedRef? User,
    [property: JsonPropertyName("project")] NamedRef? Project,
    [property: JsonPropertyName("roles")] List<NamedRef>? Roles,
    [property: JsonPropertyName("OS-TRUST:trust")] TrustRef? Trust,
    [property: JsonPropertyName("catalog")] List<CatalogBody>? Catalog);

internal sealed record NamedRef(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record TrustRef([property: JsonPropertyName("id")] string? Id);

internal sealed record CatalogBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("endpoints")] List<EndpointBody>? Endpoints);

internal sealed record EndpointBody(
    [property: JsonPropertyName("interface")] string? Interface,
    [property: JsonPropertyName("region_id")] string? RegionId,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("url")] string? Url);

internal sealed record TrustResponse([property: JsonPropertyName("trust")] TrustBody? Trust);

internal sealed record TrustBody(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("project_id")] string? ProjectId,
    [property: JsonPropertyName("trustor_user_id")] string? TrustorUserId,
    [property: JsonPropertyName("trustee_user_id")] string? TrusteeUserId,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TrustResponse))]
internal sealed partial class KeystoneJsonContext : JsonSerializerContext;
