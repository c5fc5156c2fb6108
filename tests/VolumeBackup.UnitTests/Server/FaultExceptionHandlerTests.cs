using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.UnitTests.Server;

public sealed class FaultExceptionHandlerTests
{
    [Fact]
    public async Task An_unexpected_exception_is_the_specs_500_without_its_details()
    {
        var (status, body) = await HandleAsync(new InvalidOperationException("connection string Password=secret"));

        Assert.Equal(500, status);
        Assert.Equal("""{"cloudServersFault":{"message":"Server Error, please try again later.","code":500}}""", body);
    }

    [Fact]
    public async Task A_fault_exception_is_written_as_its_fault()
    {
        var (status, body) = await HandleAsync(new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound("3"))));

        Assert.Equal(404, status);
        Assert.Equal("""{"itemNotFound":{"message":"Volume 3 could not be found.","code":404}}""", body);
    }

    [Fact]
    public async Task An_oversized_body_is_a_badRequest_naming_the_limit()
    {
        var (status, body) = await HandleAsync(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(400, status);
        Assert.Contains("\"badRequest\"", body, StringComparison.Ordinal);
        Assert.Contains("larger than 65536 bytes", body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body)> HandleAsync(Exception exception)
    {
        var handler = new FaultExceptionHandler(NullLogger<FaultExceptionHandler>.Instance, Options.Create(new VolumeBackupOptions()));
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken));

        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }
}
