using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Cinder.Quotas;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>Source-generated serialisers for the Cinder surface's limits and quota sets (a context of its own, see <see cref="CinderVolumesJsonContext"/>).</summary>
[JsonSerializable(typeof(CinderLimitsEnvelope))]
[JsonSerializable(typeof(CinderQuotaSetEnvelope<long>))]
[JsonSerializable(typeof(CinderQuotaSetEnvelope<CinderQuotaUsage>))]
public sealed partial class CinderQuotasJsonContext : JsonSerializerContext;
