"""The digest: cluster matched articles into stories, rank them, render the email."""
