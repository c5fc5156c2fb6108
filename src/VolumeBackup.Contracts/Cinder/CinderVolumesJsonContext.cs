using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Cinder.Volumes;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>
/// Source-generated serialisers for the volume bodies of the Cinder surface (nulls written, as Cinder writes them).
/// A context of its own rather than a part of <see cref="CinderJsonContext"/>: the generator emits every type once per
/// partial declaration that carries <c>[JsonSerializable]</c>, so two such parts fail the build with duplicate sources.
/// </summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CinderVolumeEnvelope))]
[JsonSerializable(typeof(CinderVolumesEnvelope<CinderVolume>))]
[JsonSerializable(typeof(CinderVolumesEnvelope<CinderVolumeSummary>))]
[JsonSerializable(typeof(CinderVolumesSummaryEnvelope))]
public sealed partial class CinderVolumesJsonContext : JsonSerializerContext;
