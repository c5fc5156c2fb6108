using System.Net;

namespace VolumeBackup.Client;

/// <summary>
/// The service answered with a fault: <see cref="FaultName"/> is the body's top-level key (<c>badRequest</c>,
/// <c>itemNotFound</c>, <c>cloudServersFault</c>...), <see cref="Code"/> its code and <see cref="Exception.Message"/>
/// its message. A response without a fault body gets the HTTP status as its name.
/// </summary>
public sealed class VolumeBackupApiException : Exception
{
    public VolumeBackupApiException(string faultName, int code, string message, HttpStatusCode statusCode)
        : base(message)
    {
        FaultName = faultName;
        Code = code;
        StatusCode = statusCode;
    }

    public VolumeBackupApiException()
        : this("unknown", 0, "The service answered with an error.", 0)
    {
    }

    public VolumeBackupApiException(string message)
        : this("unknown", 0, message, 0)
    {
    }

    public VolumeBackupApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        FaultName = "unknown";
    }

    public string FaultName { get; }

    public int Code { get; }

    public HttpStatusCode StatusCode { get; }
}
