import { notBuiltPage } from "../../not-built-page";

const { Page, generateMetadata } = notBuiltPage("hosts");
export { generateMetadata };
export default Page;
