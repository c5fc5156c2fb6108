using System.Text;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Faults;

namespace VolumeBackup.UnitTests.Domain;

/// <summary>The spec's messages and fault bodies, byte for byte. Clients match on them: never edit an expectation.</summary>
public sealed class FaultGoldenTests
{
    [Fact]
    public void The_specs_messages_are_exact()
    {
        Assert.Equal("Server Error, please try again later.", FaultMessages.ServerError);
        Assert.Equal("Incorrect request body format.", FaultMessages.IncorrectBodyFormat);
        Assert.Equal("Invalid volume: Volume to be backed up must be available", FaultMessages.VolumeToBackUpMustBeAvailable);
        Assert.Equal("Volume 9 could not be found.", FaultMessages.VolumeNotFound("9"));
        Assert.Equal("Backup 1 could not be found.", FaultMessages.BackupNotFound("1"));
        Assert.Equal("Invalid backup: Backup status must be available or error", FaultMessages.BackupStatusMustBeAvailableOrError);
        Assert.Equal("Invalid backup: Backup status must be available", FaultMessages.BackupStatusMustBeAvailable);
        Assert.Equal("Invalid volume: Volume to be restored to must be available", FaultMessages.VolumeToRestoreToMustBeAvailable);
        Assert.Equal("Invalid volume: Volume to be restored to is smaller than the backup to be restored",
            FaultMessages.VolumeToRestoreToIsTooSmall);
        Assert.Equal("Volume quota exceeded. You cannot create a volume of size 12G", FaultMessages.VolumeQuotaExceeded(12));
        Assert.Equal("The resource could not be found.", FaultMessages.ResourceNotFound);
    }

    [Fact]
    public void The_fault_bodies_are_the_specs_json()
    {
        Assert.Equal("""{"cloudServersFault":{"message":"Server Error, please try again later.","code":500}}""", Body(Fault.ServerError()));
        Assert.Equal("""{"badRequest":{"message":"Incorrect request body format.","code":400}}""",
            Body(Fault.BadRequest(FaultMessages.IncorrectBodyFormat)));
        Assert.Equal("""{"itemNotFound":{"message":"Backup 1 could not be found.","code":404}}""",
            Body(Fault.ItemNotFound(FaultMessages.BackupNotFound("1"))));
        Assert.Equal("""{"itemNotFound":{"message":"The resource could not be found.","code":404}}""",
            Body(Fault.ItemNotFound(FaultMessages.ResourceNotFound)));
    }

    [Fact]
    public void Quotes_in_messages_are_not_escaped_as_html() =>
        Assert.Equal("""{"badRequest":{"message":"'size' <1>","code":400}}""", Body(Fault.BadRequest("'size' <1>")));

    private static string Body(Fault fault) => Encoding.UTF8.GetString(FaultWriter.Serialize(fault));
}
