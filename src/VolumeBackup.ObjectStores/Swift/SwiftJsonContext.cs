using System.Text.Json.Serialization;

namespace VolumeBackup.ObjectStores.Swift;

[JsonSerializable(typeof(List<SwiftListingEntry>))]
[JsonSerializable(typeof(SwiftBulkDeleteResult))]
internal sealed partial class SwiftJsonContext : JsonSerializerContext;
