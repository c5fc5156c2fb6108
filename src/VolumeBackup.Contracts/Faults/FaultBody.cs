using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Faults;

/// <summary>The inside of a fault body: <c>{"badRequest": {"message": "...", "code": 400}}</c>.</summary>
public sealed record FaultBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] int Code);
