using System.Net;
using VolumeBackup.Client.Http;

namespace VolumeBackup.UnitTests.Client;

public sealed class FaultReaderTests
{
    [Fact]
    public void A_spec_fault_body_gives_its_name_code_and_message()
    {
        var e = FaultReader.Parse(
            HttpStatusCode.NotFound, "Not Found", """{"itemNotFound": {"message": "Backup 42 could not be found.", "code": 404}}""");

        Assert.Equal("itemNotFound", e.FaultName);
        Assert.Equal(404, e.Code);
        Assert.Equal("Backup 42 could not be found.", e.Message);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public void A_body_that_is_not_a_fault_keeps_the_http_status_and_an_excerpt()
    {
        var e = FaultReader.Parse(HttpStatusCode.BadGateway, "Bad Gateway", "<html>upstream down</html>");

        Assert.Equal("Bad Gateway", e.FaultName);
        Assert.Equal(502, e.Code);
        Assert.Contains("upstream down", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_error_body_is_described_by_its_status() =>
        Assert.Equal("HTTP 401 Unauthorized", FaultReader.Parse(HttpStatusCode.Unauthorized, "Unauthorized", "").Message);
}
