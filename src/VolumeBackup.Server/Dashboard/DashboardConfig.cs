using System.Text.Json.Serialization;

namespace VolumeBackup.Server.Dashboard;

/// <summary>What the page needs to draw its sign-in form: <c>static</c> (a token) or <c>keystone</c> (user, password, project).</summary>
internal sealed record DashboardConfig(
    [property: JsonPropertyName("identity")] string Identity,
    [property: JsonPropertyName("default_domain")] string? DefaultDomain);
