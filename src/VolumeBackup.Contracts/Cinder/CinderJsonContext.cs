using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>
/// Source-generated serialisers for the bodies of the Cinder v3 surface. Nulls are written, as Cinder writes them.
/// Each resource adds its types in its own part of this partial class; times carry
/// <see cref="CinderTimestampConverter"/> on the property, which wins over the HP format set on the server's options.
/// </summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CinderVersionsDocument))]
public sealed partial class CinderJsonContext : JsonSerializerContext;
