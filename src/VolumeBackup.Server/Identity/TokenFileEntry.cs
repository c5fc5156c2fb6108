using System.Text.Json.Serialization;

namespace VolumeBackup.Server.Identity;

/// <summary>One entry of tokens.json: <c>{"&lt;token&gt;": {"tenant_id": "demo", "user": "demo", "roles": []}}</c>.</summary>
internal sealed record TokenFileEntry(
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);
