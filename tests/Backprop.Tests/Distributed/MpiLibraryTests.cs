using Backprop.Distributed;

namespace Backprop.Tests.Distributed;

/// <summary>Without an MPI launcher: the messages when MPI cannot be used name the library and the Debian package.</summary>
public class MpiLibraryTests
{
    [Fact]
    public void A_missing_MPI_library_is_one_sentence_naming_it_and_the_Debian_package()
    {
        var error = Assert.Throws<MpiUnavailableException>(() => MpiLibrary.Load(["libmpi-not-here.so.40"]));
        Assert.Contains("libmpi-not-here.so.40", error.Message);
        Assert.Contains("openmpi-bin", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_library_that_is_not_OpenMPI_is_refused_by_name()
    {
        var error = Assert.Throws<MpiUnavailableException>(() => MpiLibrary.Load(["libc.so.6"]));
        Assert.Contains("libc.so.6 is not OpenMPI", error.Message);
        Assert.Contains("MPICH", error.Message);
    }

    [Fact]
    public void The_names_tried_are_OpenMPIs_soname_then_the_development_link()
    {
        Assert.Equal(["libmpi.so.40", "libmpi.so"], MpiLibrary.Names);
        Assert.Equal(MpiEnvironment.LaunchedSize is not null, MpiEnvironment.IsLaunched);
    }
}
