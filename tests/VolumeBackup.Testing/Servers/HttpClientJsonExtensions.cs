using System.Text;

namespace VolumeBackup.Testing.Servers;

/// <summary>Sends raw JSON text, so tests control every byte (trailing commas, wrong types, broken JSON).</summary>
public static class HttpClientJsonExtensions
{
    public static Task<HttpResponseMessage> PostRawAsync(
        this HttpClient client, string path, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(client);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string path, string body)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PutAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetAsync(new Uri(path, UriKind.Relative));
    }

    public static Task<HttpResponseMessage> DeletePathAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DeleteAsync(new Uri(path, UriKind.Relative));
    }
}
