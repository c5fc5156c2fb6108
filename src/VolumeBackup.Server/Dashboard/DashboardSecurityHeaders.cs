namespace VolumeBackup.Server.Dashboard;

/// <summary>
/// Adds the dashboard's security headers to every response under <c>/dashboard</c> (files, the sign-in pass-through,
/// and 404s alike): a Content-Security-Policy that lets the page load and call only this origin and run no inline
/// script or style, no MIME sniffing, no Referer (the URL carries no secret, but nothing needs it either), no framing.
/// </summary>
internal sealed class DashboardSecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(DashboardAssets.PathPrefix, StringComparison.Ordinal, out var rest))
        {
            return next(context);
        }

        // "/dashboard" -> "/dashboard/", so the page's relative module URLs resolve under the prefix.
        if (!rest.HasValue && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.Redirect(DashboardAssets.PathPrefix + "/" + context.Request.QueryString);
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-cache";
            return Task.CompletedTask;
        });
        return rest.HasValue ? next(context) : Task.CompletedTask;
    }
}
