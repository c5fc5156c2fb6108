using System.Text.Encodings.Web;
using System.Text.Json;
using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Contracts.Json;

namespace VolumeBackup.Server.Api.Json;

/// <summary>JSON rules of the API, for reading and writing alike.</summary>
internal static class ApiJson
{
    /// <summary>
    /// The spec's example bodies carry trailing commas (<c>"container": "nightlybackups",</c> before <c>}</c>), so they are
    /// accepted everywhere; times are written as UTC with <c>Z</c>. The bodies the API writes are serialised by the
    /// source-generated <see cref="ApiJsonContext"/>; the reflection resolver after it stays for anything else.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowTrailingCommas = true;
        options.AllowDuplicateProperties = false;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // JSON bodies, never embedded in HTML
        options.Converters.Add(new UtcTimestampConverter());
        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        options.TypeInfoResolverChain.Insert(1, CinderJsonContext.Default);
        options.TypeInfoResolverChain.Insert(2, CinderVolumesJsonContext.Default);
        options.TypeInfoResolverChain.Insert(3, CinderQuotasJsonContext.Default);
        options.TypeInfoResolverChain.Insert(4, CinderBackupsJsonContext.Default);
        options.TypeInfoResolverChain.Insert(5, Contracts.Policies.PolicyJsonContext.Default);
    }

    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16, // the API's bodies are two or three levels deep
        AllowDuplicateProperties = false, // {"backup": null, "backup": {...}} would otherwise mean the last one
    };
}
