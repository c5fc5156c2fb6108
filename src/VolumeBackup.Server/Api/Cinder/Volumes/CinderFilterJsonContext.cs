using System.Text.Json.Serialization;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>Reads the <c>metadata</c> filter's value without reflection.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CinderFilterJsonContext : JsonSerializerContext;
