provider "aws" {
  region     = "us-east-1"
  secret_key = "qCliOOxKy48WbK7uRf39BxSsXQ9weZ9IpE2Dx6n/"
}
