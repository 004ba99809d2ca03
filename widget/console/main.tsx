/** The operator console's entry: mounts the app into #app. */
import { render } from "preact";
import { Console } from "./Console";
import "./console.css";

const root = document.getElementById("app");
if (root) render(<Console />, root);
