using System.Net;

namespace VolumeBackup.Keystone;

/// <summary>
/// A Keystone request that did not succeed. <see cref="IsUnavailable"/> is true when Keystone could not answer
/// (connection refused or reset, timeout, 5xx): the caller cannot tell whether the token or trust is good and must not
/// guess. Otherwise Keystone answered and refused (<see cref="StatusCode"/>).
/// </summary>
public sealed class KeystoneException : Exception
{
    public KeystoneException(string message, HttpStatusCode? statusCode, bool isUnavailable, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        IsUnavailable = isUnavailable;
    }

    public KeystoneException()
    {
    }

    public KeystoneException(string message) : base(message)
    {
    }

    public KeystoneException(string message, Exception inner) : base(message, inner)
    {
    }

    public HttpStatusCode? StatusCode { get; }

    public bool IsUnavailable { get; }

    /// <summary>Keystone refused the credentials the request was sent with (the caller's own token, password or trust).</summary>
    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;
}
