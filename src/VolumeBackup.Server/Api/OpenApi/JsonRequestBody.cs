namespace VolumeBackup.Server.Api.OpenApi;

/// <summary>
/// Endpoint metadata that names the JSON body an endpoint reads by hand, for the OpenAPI documents only.
/// <c>Accepts&lt;T&gt;</c> cannot say this: it adds <c>IAcceptsMetadata</c>, on which routing matches the Content-Type,
/// so a body sent without one (as in the spec's curl examples) or an XML body would no longer reach the endpoint and its
/// fault. Routing knows nothing of this record; <see cref="RequestBodyTransformer"/> reads it.
/// </summary>
/// <param name="Shapes">The accepted bodies; more than one (an action route) is described as <c>oneOf</c>.</param>
/// <param name="Required">False when an empty body is accepted as well.</param>
internal sealed record JsonRequestBody(IReadOnlyList<JsonBodyShape> Shapes, bool Required = true);

/// <summary>One accepted body: <c>{"&lt;Root&gt;": &lt;Type&gt;}</c>, or the <see cref="Type"/> itself when there is no root.</summary>
/// <param name="Root">The body's one key (<c>"backup"</c>, <c>"os-attach"</c>), or null when <see cref="Type"/> is the whole body.</param>
/// <param name="Type">The contract type under the root; null for a key without arguments (<c>null</c> or <c>{}</c>).</param>
/// <param name="NullAllowed">Whether the value under the root may be <c>null</c> (Cinder's <c>{"restore": null}</c>).</param>
internal sealed record JsonBodyShape(string? Root, Type? Type, bool NullAllowed = false)
{
    /// <summary>An action without arguments, which clients send as <c>null</c> or <c>{}</c>.</summary>
    public static JsonBodyShape NoArguments(string action) => new(action, null, NullAllowed: true);
}

internal static class JsonRequestBodyExtensions
{
    /// <summary>The endpoint reads <c>{"<paramref name="root"/>": T}</c> (or T itself when <paramref name="root"/> is null).</summary>
    public static RouteHandlerBuilder DescribesBody<T>(
        this RouteHandlerBuilder builder, string? root = null, bool required = true, bool nullAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new JsonRequestBody([new JsonBodyShape(root, typeof(T), nullAllowed)], required));
    }

    /// <summary>An action route: the body is one key naming the action, with that action's arguments.</summary>
    public static RouteHandlerBuilder DescribesActions(this RouteHandlerBuilder builder, IReadOnlyList<JsonBodyShape> actions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new JsonRequestBody(actions));
    }
}
