using VolumeBackup.ObjectStores;

namespace VolumeBackup.UnitTests.ObjectStores;

public sealed class ObjectKeysTests
{
    [Theory]
    [InlineData(255, 'c', true)]
    [InlineData(256, 'c', false)] // Swift's limit, but one byte over a file system's name limit
    [InlineData(127, '\u00e9', true)] // 254 UTF-8 bytes
    [InlineData(128, '\u00e9', false)] // 128 characters, 256 UTF-8 bytes
    public void Container_names_are_measured_in_utf8_bytes(int length, char letter, bool valid) =>
        Assert.Equal(valid, ObjectKeys.IsValidContainer(new string(letter, length)));

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void Names_no_store_could_hold_faithfully_are_refused(string name) =>
        Assert.False(ObjectKeys.IsValidContainer(name));

    [Fact]
    public void A_lone_surrogate_has_no_utf8_form_and_is_refused()
    {
        // Built here: test data passed through attributes loses lone surrogates on the way.
        Assert.False(ObjectKeys.IsValidContainer(new string((char)0xD800, 1)));
        Assert.False(ObjectKeys.IsValidContainer("x" + (char)0xDC00));
    }
}
