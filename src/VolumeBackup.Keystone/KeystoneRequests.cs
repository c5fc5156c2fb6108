using System.Globalization;
using System.Text.Json;

namespace VolumeBackup.Keystone;

/// <summary>The JSON bodies the client sends, written directly (they are small and fixed in shape).</summary>
internal static class KeystoneRequests
{
    public static byte[] PasswordAuth(KeystonePasswordCredentials user, KeystoneScope scope) => Write(w =>
    {
        w.WriteStartObject("auth");
        w.WriteStartObject("identity");
        w.WriteStartArray("methods");
        w.WriteStringValue("password");
        w.WriteEndArray();
        w.WriteStartObject("password");
        w.WriteStartObject("user");
        w.WriteString("name", user.UserName);
        w.WriteStartObject("domain");
        w.WriteString("name", user.UserDomainName);
        w.WriteEndObject();
        w.WriteString("password", user.Password);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("scope");
        if (scope.TrustId is { } trust)
        {
            w.WriteStartObject("OS-TRUST:trust");
            w.WriteString("id", trust);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject("project");
            if (scope.ProjectId is { } id)
            {
                w.WriteString("id", id);
            }
            else
            {
                w.WriteString("name", scope.ProjectName);
                w.WriteStartObject("domain");
                w.WriteString("name", scope.ProjectDomainName);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Trust(
        string trustorUserId, string trusteeUserId, string projectId, IEnumerable<string> roles, DateTimeOffset? expiresAt, bool impersonation) => Write(w =>
    {
        w.WriteStartObject("trust");
        w.WriteString("trustor_user_id", trustorUserId);
        w.WriteString("trustee_user_id", trusteeUserId);
        w.WriteString("project_id", projectId);
        w.WriteBoolean("impersonation", impersonation);
        w.WriteBoolean("allow_redelegation", false);
        if (expiresAt is { } expires)
        {
            // Keystone's format: microseconds and a 'Z'.
            w.WriteString("expires_at", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }

        w.WriteStartArray("roles");
        foreach (var role in roles)
        {
            w.WriteStartObject();
            w.WriteString("name", role);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
