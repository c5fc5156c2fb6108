using VolumeBackup.Testing.OpenStack;

namespace VolumeBackup.UnitTests.OpenStack;

/// <summary>The reader of cinder's tables, on output as cinderclient 9.1.0 prints it.</summary>
public sealed class PrettyTableTests
{
    [Fact]
    public void A_list_gives_one_dictionary_per_row_keyed_by_the_header()
    {
        const string Printed = """
            +--------------------------------------+--------------------------------------+-----------+------+------+--------------+---------------+
            | ID                                   | Volume ID                            | Status    | Name | Size | Object Count | Container     |
            +--------------------------------------+--------------------------------------+-----------+------+------+--------------+---------------+
            | 5207d161-fe2c-4a80-8850-4a60d268d5b1 | c4a09462-72e8-4d63-b655-3fb31f524215 | available | b1   | 1    | 0            | volumebackups |
            | add1ced6-fb59-4d50-a35c-a74a28bad45f | c048df25-9c2d-4ef5-a5b5-05cf36856a76 | creating  |      | 2    | 0            | volumebackups |
            +--------------------------------------+--------------------------------------+-----------+------+------+--------------+---------------+
            """;

        var rows = PrettyTable.Parse(Printed);

        Assert.Equal(2, rows.Count);
        Assert.Equal("c4a09462-72e8-4d63-b655-3fb31f524215", rows[0]["Volume ID"]);
        Assert.Equal("b1", rows[0]["Name"]);
        Assert.Equal(string.Empty, rows[1]["Name"]);
        Assert.Equal("creating", rows[1]["Status"]);
    }

    [Fact]
    public void A_property_table_becomes_a_dictionary_and_an_empty_list_no_rows()
    {
        const string Printed = """
            +-------------+--------------------------------------+
            | Property    | Value                                |
            +-------------+--------------------------------------+
            | backup_id   | 5207d161-fe2c-4a80-8850-4a60d268d5b1 |
            | volume_id   | 6f9fdedc-13be-4fd4-95e1-3d1704fdc200 |
            | volume_name | r1                                   |
            +-------------+--------------------------------------+
            """;

        var properties = PrettyTable.ParseProperties(Printed);

        Assert.Equal("6f9fdedc-13be-4fd4-95e1-3d1704fdc200", properties["volume_id"]);
        Assert.Equal("r1", properties["volume_name"]);
        Assert.Empty(PrettyTable.Parse("+----+------+\n| ID | Name |\n+----+------+\n+----+------+\n"));
    }
}
