# This file is maintained automatically by "tofu init".
# Manual edits may be lost in future updates.
# hashicorp/aws 5.97.0 as OpenTofu's registry serves it: the h1:/zh: hashes are copied verbatim
# from public lock files of the same release (see infra/README.md, "Provider lock files").

provider "registry.opentofu.org/hashicorp/aws" {
  version     = "5.97.0"
  constraints = "~> 5.80"
  hashes = [
    "h1:/blvdTLdemvAS3rmdXmCCxFOdMn5l4zQTtsdlwlsyEU=",
    "h1:9DhvJptKPAwufWdso3mEifyof6Z+F/9Al7mGv22NX3s=",
    "h1:V1nicDTEnvzJBMVX1A6kjWgd3Myjo4le+rGMjr36AWA=",
    "h1:Ym4u/qQYSPTvvVppJP6v89OnnJGKQe4dO9je8d0vwMU=",
    "h1:ZBma6Y6eGvo1pjZVvcJNFPYxk0vQB1l5VuA+nkFzpwo=",
    "h1:moSiUL70EsvCyYe3LRX54gSmaQ1Q/XXObeDHJDVwPIE=",
    "h1:sAtf/UqWQCLN7DEjv26btff1PWm+lK0gJ3E2YWzvSYs=",
    "h1:ucjXG/gv9Xa5wG7rfC0Z4nqQWzJwnTXLPHQE13bsPQk=",
    "h1:wQQOWfS0ADOnuolmBBliS6YzKRYVDkBS5juqG1FJLNY=",
    "h1:zmpoHyp9nA/9uAKtScDpM1KKUY275q9rh+XAJtQMRcY=",
    "zh:0399db801d5847d3f1aae8528b0ec7e9342431f2d42a4f06841d43c9479e45ac",
    "zh:2a1fdb04d30340c8e5fa06f0c7e97feaa3f2f76bc65175471170b42a7f0ebab4",
    "zh:3dec38efcdef0e4dfb93998b87ca7a1bfe528f0fa825f99b113c816424c311ba",
    "zh:42c9da03e3f3e42cbb19278932af093d27487bc7fc75c689d0bbddf5c9da1786",
    "zh:821fc83ffebc81e51be4c70ab6ae42c32821ac0f41b81016908891663afa9476",
    "zh:8d790c719e467a4b5c84f5d35a1702c8c27b052cc88db12e37d097781d50b077",
    "zh:e9a0e61b8e576f5c38ffca3a16e523ef295f57da1d29fab5773ce66bbbfebcc5",
    "zh:ec49b0ef15033912aa9919122163cd0e06bb3a7463380f4c1fd41704a9964170",
    "zh:f123de397ce8fb792d8181250e85a79b5446ac392a7470d7597b7d7319d4dbbf",
    "zh:fe1ea027408453dac877b8ef5d325d6fba82250960c90ad42fcb90da97588863",
  ]
}
