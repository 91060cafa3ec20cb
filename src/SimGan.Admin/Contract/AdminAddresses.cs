namespace SimGan.Admin.Contract;

public static class AdminAddresses
{
    /// <summary>Stands for the node that serves the call, so an operator need not know its full Akka address.</summary>
    public const string Self = "self";
}
