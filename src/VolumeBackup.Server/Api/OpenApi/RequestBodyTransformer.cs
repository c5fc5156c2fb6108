using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VolumeBackup.Server.Api.OpenApi;

/// <summary>
/// Sets an operation's <c>requestBody</c> (<c>application/json</c>) from the endpoint's <see cref="JsonRequestBody"/>: the
/// contract type's schema (from the document's schema service, so shared types land in <c>components/schemas</c>), wrapped
/// in its root key. Only the document changes; the endpoint still reads the body itself, whatever its Content-Type.
/// </summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().LastOrDefault();
        if (body is null)
        {
            return;
        }

        var shapes = new List<IOpenApiSchema>();
        foreach (var shape in body.Shapes)
        {
            shapes.Add(await SchemaOfAsync(shape, context, cancellationToken));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = body.Required,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = shapes.Count == 1 ? shapes[0] : new OpenApiSchema { OneOf = shapes } },
            },
        };
    }

    private static async Task<IOpenApiSchema> SchemaOfAsync(JsonBodyShape shape, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        IOpenApiSchema value = shape.Type is null
            ? new OpenApiSchema { Type = JsonSchemaType.Object, Description = "No arguments: {} (or null).", MaxProperties = 0 }
            : await context.GetOrCreateSchemaAsync(shape.Type, null, ct);
        if (shape.NullAllowed)
        {
            value = new OpenApiSchema { AnyOf = [value, new OpenApiSchema { Type = JsonSchemaType.Null }] };
        }

        return shape.Root is null
            ? value
            : new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string>(StringComparer.Ordinal) { shape.Root },
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { [shape.Root] = value },
            };
    }
}
