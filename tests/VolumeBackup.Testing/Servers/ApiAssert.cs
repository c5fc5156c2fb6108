using System.Net;
using System.Text.Json;
using Xunit;

namespace VolumeBackup.Testing.Servers;

/// <summary>Assertions on API answers: fault bodies exactly as the spec writes them, and JSON bodies.</summary>
public static class ApiAssert
{
    /// <summary>Asserts the status and the body <c>{"&lt;name&gt;": {"message": message, "code": status}}</c>.</summary>
    public static async Task FaultAsync(HttpResponseMessage response, HttpStatusCode status, string name, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString() ?? string.Empty, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var property = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal(name, property.Name);
        Assert.Equal(message, property.Value.GetProperty("message").GetString());
        Assert.Equal((int)status, property.Value.GetProperty("code").GetInt32());
    }

    /// <summary>Asserts 200 and returns the parsed body.</summary>
    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
