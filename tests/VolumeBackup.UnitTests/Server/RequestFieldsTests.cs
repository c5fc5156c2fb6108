using System.Text.Json;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Api.Hp.Volumes;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.UnitTests.Server;

public sealed class RequestFieldsTests
{
    [Theory]
    [InlineData("""{"volume_id": "9"}""", 9)]
    [InlineData("""{"volume_id": 9}""", 9)]
    [InlineData("""{"volume_id": null}""", null)]
    [InlineData("""{}""", null)]
    public void An_id_may_be_a_decimal_string_or_a_number(string json, int? expected) =>
        Assert.Equal((long?)expected, new RequestFields(Parse(json), FieldFaults.NameTheField).OptionalId("volume_id"));

    [Theory]
    [InlineData("""{"volume_id": "x9"}""")]
    [InlineData("""{"volume_id": -3}""")]
    [InlineData("""{"volume_id": 0}""")]
    [InlineData("""{"volume_id": 1.5}""")]
    [InlineData("""{"volume_id": ["9"]}""")]
    [InlineData("""{"volume_id": " 9"}""")]
    public void Anything_else_as_an_id_is_badRequest_naming_the_field(string json)
    {
        var fault = Assert.Throws<FaultException>(() => new RequestFields(Parse(json), FieldFaults.NameTheField).OptionalId("volume_id")).Fault;

        Assert.Equal(400, fault.Code);
        Assert.Contains("'volume_id'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_create_volume_body_with_trailing_commas_and_extra_nulls_is_read()
    {
        var volume = CreateVolumeParser.Parse(Parse("""{"size": 3, "display_name": "a", "source_volid": null, "metadata": {"k": "v",},}"""), 100);

        Assert.Equal(new NewVolume(3, "a", null, null, volume.Metadata), volume);
        Assert.Equal("v", volume.Metadata["k"]);
    }

    [Theory]
    [InlineData("1", true, 1)]
    [InlineData("0009", true, 9)]
    [InlineData("0", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("1e3", false, 0)]
    [InlineData("99999999999999999999", false, 0)]
    [InlineData("", false, 0)]
    public void Route_ids_are_positive_decimal_integers(string text, bool ok, long id)
    {
        Assert.Equal(ok, RouteIds.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json, ApiJson.DocumentOptions).RootElement.Clone();
}
