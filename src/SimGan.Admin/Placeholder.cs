namespace SimGan.Admin; internal static class Placeholder {}
