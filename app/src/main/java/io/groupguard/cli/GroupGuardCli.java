package io.groupguard.cli;

public final class GroupGuardCli {
  public static void main(String[] args) {
  }
}
