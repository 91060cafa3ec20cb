namespace SimGan.Cluster; internal static class Placeholder {}
