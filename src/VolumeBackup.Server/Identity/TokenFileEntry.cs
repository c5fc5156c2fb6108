using System.Text.Json.Serialization;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// One entry of tokens.json: <c>{"&lt;token&gt;": {"tenant_id": "demo", "user": "demo", "roles": ["member"]}}</c>.
/// Roles missing or empty mean <c>member</c> (files written before roles were checked list none for users).
/// </summary>
internal sealed record TokenFileEntry(
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles);
