using System.CommandLine;

var root = new RootCommand("SimGanCluster: SimGAN refiner training (Shrivastava et al., CVPR 2017)");
return root.Parse(args).Invoke();
