// Prepend each tweet the server pushes over the websocket to the timeline.
const list = document.getElementById("timeline");
const scheme = location.protocol === "https:" ? "wss" : "ws";
const socket = new WebSocket(`${scheme}://${location.host}${list.dataset.socket}`);

socket.addEventListener("message", (event) => {
  const tweet = JSON.parse(event.data);
  const item = document.createElement("li");
  const author = document.createElement("strong");
  item.className = "tweet";
  author.textContent = `@${tweet.author}`;
  item.append(author, ` ${tweet.body}`);
  list.prepend(item);
});
